/**
 * Our own model of what Meta's Graph API returns. Raw JSON never leaves lib/graph: parsers turn it
 * into these types at the boundary.
 */

/** A Facebook Page with its linked Instagram professional account (API with Facebook Login). */
export interface ConnectedPage {
  pageId: string;
  pageName: string;
  pageToken: string;
  instagram: { id: string; username: string; name: string | null; pictureUrl: string | null } | null;
}

export interface PermissionGrant {
  permission: string;
  granted: boolean;
}

export interface Person {
  /** Instagram-scoped id (IGSID) of a customer, or the business account's IG id. */
  id: string;
  username: string | null;
}

export interface Paged<T> {
  items: T[];
  /** Cursor for the next page; null on the last page. */
  after: string | null;
}

/** Where a story a message refers to lives; the media URL is a CDN URL that expires. */
export interface StoryRef {
  id: string | null;
  url: string | null;
}

export type MessageAttachment =
  | { type: 'image'; url: string; previewUrl: string | null; width: number | null; height: number | null }
  | { type: 'gif'; url: string; previewUrl: string | null }
  | { type: 'sticker'; url: string }
  | { type: 'video'; url: string; previewUrl: string | null }
  | { type: 'audio'; url: string }
  | { type: 'file'; url: string; name: string | null }
  | { type: 'share'; url: string | null; name: string | null; description: string | null; isReel: boolean };

export interface Reaction {
  emoji: string;
  users: Person[];
}

export interface GraphMessage {
  id: string;
  createdTime: number;
  from: Person | null;
  to: Person[];
  text: string;
  attachments: MessageAttachment[];
  storyMention: StoryRef | null;
  storyReply: StoryRef | null;
  replyToId: string | null;
  reactions: Reaction[];
  isDeleted: boolean;
  isUnsupported: boolean;
  /** False when Meta served only id and created_time (messages older than the newest 20). */
  hasDetails: boolean;
}

export interface GraphConversation {
  id: string;
  updatedTime: number;
  participants: Person[];
  /** Newest first, as Meta serves them. */
  messages: GraphMessage[];
  /** Meta said there are no more (its messages edge had no next page): these are the whole thread. */
  messagesComplete?: boolean;
}

export interface SendResult {
  recipientId: string;
  messageId: string;
}

export interface GraphProfile {
  id: string;
  name: string | null;
  username: string | null;
  /** Expires after a few days: show it, never store it. */
  pictureUrl: string | null;
  followerCount: number | null;
  isVerified: boolean;
  followsBusiness: boolean | null;
  businessFollows: boolean | null;
}
