import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-brand-500 text-white hover:bg-brand-600 disabled:bg-slate-300",
  secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 disabled:text-slate-400",
  danger: "border border-red-200 bg-white text-red-600 hover:bg-red-50 disabled:text-slate-400",
  destructive: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-300",
} as const;

export function buttonClass(variant: keyof typeof VARIANTS = "primary", size: "sm" | "md" = "md"): string {
  const pad = size === "sm" ? "px-2.5 py-1 text-xs" : "px-4 py-2 text-sm";
  return `inline-flex items-center justify-center gap-1.5 rounded-md font-medium transition-colors disabled:cursor-not-allowed ${pad} ${VARIANTS[variant]}`;
}

export function Button({ variant = "primary", size = "md", className = "", ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS; size?: "sm" | "md" }) {
  return <button className={`${buttonClass(variant, size)} ${className}`} {...rest} />;
}
