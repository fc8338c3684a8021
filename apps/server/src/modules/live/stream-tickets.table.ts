export interface StreamTicketsTable {
  token_hash: string;
  user_id: string;
  session_id: string | null;
  expires_at: string;
  used_at: string | null;
}
