export interface StreamTicketsTable {
  token_hash: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
}
