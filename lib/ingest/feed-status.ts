/** What /api/health reports about the feed, whichever broker it comes from. */
export interface FeedStatus {
  kind: 'embedded' | 'mqtt';
  url: string;
  connected: boolean;
  subscribed: boolean;
  lastError: string | undefined;
}
