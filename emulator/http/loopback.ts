/** Whether a peer address is this machine's own loopback (IPv4 127/8 or IPv6 ::1). */
export function isLoopback(address: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|::1)$/.test(address.replace(/^::ffff:/, ""));
}
