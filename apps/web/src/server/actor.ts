/** Who is acting, as the audit log records it. */
export interface Actor {
  id: string;
  email: string;
  ip: string | null;
}
