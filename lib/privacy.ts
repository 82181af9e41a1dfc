// Contact details are shown whole only to roles allowed `people.contact.read`.

export function maskMobile(mobile: string | undefined | null): string {
  if (!mobile) return "";
  const digits = mobile.replace(/\s+/g, "");
  if (digits.length < 7) return "*".repeat(digits.length);
  return `${digits.slice(0, 3)}${"*".repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export function maskEmail(email: string | undefined | null): string {
  if (!email) return "";
  const at = email.indexOf("@");
  if (at <= 0) return "***";
  return `${email[0]}***${email.slice(at)}`;
}
