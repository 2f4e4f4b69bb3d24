/** What /api/health reports about the feed, whichever broker it comes from. */
export interface FeedStatus {
  kind: 'embedded' | 'mqtt';
  url: string;
  connected: boolean;
  subscribed: boolean;
  lastError: string | undefined;
  /** On a broker cluster: each link, the node it is on (host:port) and whether it feeds or stands by. */
  links?: { node: string | null; subscribed: boolean; feeding: boolean }[];
}
