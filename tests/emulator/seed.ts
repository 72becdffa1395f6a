// Deterministic seed dataset. Same PRNG seed → same ids on every start and reset();
// times are relative to `now` so reply windows and "x min ago" make sense on every run.
import { BUSINESS_LINES, CUSTOMER_LINES, EMOJI_TEXT, HOSTILE_TEXT, LONG_TEXT, contentOfKind, type MessageKind } from './content';
import {
  addMessage,
  conversationId,
  messageId,
  type Conversation,
  type Dataset,
  type IgAccount,
  type Page,
  type Participant,
  type Reaction,
} from './model';
import { intBetween, mulberry32, numericId, pick, type Rng } from './util';

export type SeedOption = 'default' | { scale: { conversations: number; messagesPerConversation: number } };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const PRNG_SEED = 20_261_121;

const FIRST = [
  'lena',
  'omar',
  'jules',
  'ana',
  'felix',
  'mia',
  'noah',
  'ivy',
  'kai',
  'zoe',
  'emil',
  'sara',
  'theo',
  'lou',
  'ben',
  'ada',
  'milo',
  'ella',
  'finn',
  'rosa',
];
const LAST = ['brews', 'coffee', 'k', 'travels', 'daily', 'bakes', 'films', '.pdx', 'studio', 'eats', '92', '_x', 'cycles', 'reads'];

/** One step of a scripted thread. `ago` = ms before now. */
interface Step {
  by: 'c' | 'b';
  ago: number;
  text?: string;
  kind?: MessageKind;
  reactions?: Reaction[];
  deleted?: boolean;
  /** Index (in this script) of the message this one replies to inline. */
  replyTo?: number;
  label?: string;
}

interface Ctx {
  ds: Dataset;
  rng: Rng;
  now: number;
  n: number;
  usedUsernames: Set<string>;
}

export function buildDataset(now: number, seed: SeedOption = 'default'): Dataset {
  const rng = mulberry32(PRNG_SEED);
  const ds: Dataset = {
    user: { id: '10229' + numericId(rng, '', 12), name: 'Alex Rivera' },
    pages: [],
    conversations: new Map(),
    messages: new Map(),
    nextSeq: 1,
    nextRuntimeId: 900_000_000,
  };
  const ctx: Ctx = { ds, rng, now, n: 1, usedUsernames: new Set() };
  const mkPage = (name: string, ig?: { username: string; name: string }, messagingAllowed = true): Page => {
    const page: Page = { id: numericId(rng, '1', 15), name, messagingAllowed, conversations: [] };
    if (ig) page.ig = { id: numericId(rng, '17841', 17), ...ig } satisfies IgAccount;
    ds.pages.push(page);
    return page;
  };
  const lumen = mkPage('Lumen Coffee Roasters', { username: 'lumencoffee', name: 'Lumen Coffee' });
  const atelier = mkPage('Atelier Nord', { username: 'ateliernord', name: 'Atelier Nord' });
  mkPage('Quiet Studio', { username: 'quietstudio', name: 'Quiet Studio' });
  const pine = mkPage('Pine & Pixel', { username: 'pineandpixel', name: 'Pine & Pixel' }, false);
  mkPage('Corner Bakery Blog');

  if (seed === 'default') seedLumen(ctx, lumen);
  else seedGeneric(ctx, lumen, seed.scale.conversations, seed.scale.messagesPerConversation, 60 * DAY);
  seedAtelier(ctx, atelier);
  seedGeneric(ctx, pine, 3, 6, 5 * DAY);
  return ds;
}

function participant(ctx: Ctx, username: string | undefined, name: string | null, extra: Partial<Participant> = {}): Participant {
  if (username) ctx.usedUsernames.add(username);
  const p: Participant = {
    id: numericId(ctx.rng, String(intBetween(ctx.rng, 1, 9)), 16),
    name,
    followerCount: Math.floor(ctx.rng() ** 3 * 25_000),
    isVerified: false,
    followsBusiness: ctx.rng() < 0.6,
    businessFollows: ctx.rng() < 0.2,
    ...extra,
  };
  if (username !== undefined) p.username = username;
  return p;
}

function randomUsername(ctx: Ctx): string {
  for (;;) {
    const u = `${pick(ctx.rng, FIRST)}${pick(ctx.rng, ['.', '_', ''])}${pick(ctx.rng, LAST)}`.replace('..', '.');
    if (!ctx.usedUsernames.has(u)) return (ctx.usedUsernames.add(u), u);
    const v = `${u}${intBetween(ctx.rng, 2, 99_999)}`;
    if (!ctx.usedUsernames.has(v)) return (ctx.usedUsernames.add(v), v);
  }
}

function newConversation(ctx: Ctx, page: Page, customer: Participant, label?: string): Conversation {
  const ig = page.ig;
  if (!ig) throw new Error('page without IG account');
  const conv: Conversation = { id: conversationId(ig.id, customer.id), pageId: page.id, customer, messages: [] };
  if (label) conv.label = label;
  page.conversations.push(conv);
  ctx.ds.conversations.set(conv.id, conv);
  return conv;
}

function scripted(ctx: Ctx, page: Page, customer: Participant, label: string, steps: Step[], startedAgo?: number): Conversation {
  const conv = newConversation(ctx, page, customer, label);
  if (startedAgo !== undefined) conv.createdAt = ctx.now - startedAgo;
  const ig = page.ig as IgAccount;
  const ids: string[] = [];
  for (const s of steps) {
    const n = ctx.n++;
    const createdAt = ctx.now - s.ago;
    const body = contentOfKind(s.kind ?? 'text', n, s.text ?? '', createdAt - 20 * MIN);
    const msg = addMessage(ctx.ds, conv, {
      id: messageId(ig.id, n),
      createdAt,
      fromBusiness: s.by === 'b',
      ...body,
      reactions: s.reactions ?? [],
    });
    if (s.deleted) {
      msg.deleted = true;
      msg.text = '';
    }
    if (s.label) msg.label = s.label;
    if (s.replyTo !== undefined) {
      const target = ids[s.replyTo];
      const targetStep = steps[s.replyTo];
      if (target && targetStep) msg.replyTo = { mid: target, isSelfReply: targetStep.by === s.by };
    }
    ids.push(msg.id);
  }
  return conv;
}

/** A plausible back-and-forth of `count` messages ending `lastAgo` ms before now. */
function filler(ctx: Ctx, count: number, lastAgo: number, maxGap: number): Step[] {
  const steps: Step[] = [];
  let ago = lastAgo;
  for (let i = count - 1; i >= 0; i--) {
    steps.unshift({ by: 'c', ago });
    ago += intBetween(ctx.rng, MIN, maxGap);
  }
  // First message is always the customer's (a business cannot start an IG thread).
  let by: 'c' | 'b' = 'c';
  for (const [i, s] of steps.entries()) {
    if (i > 0 && ctx.rng() < 0.55) by = by === 'c' ? 'b' : 'c';
    s.by = by;
    s.text = pick(ctx.rng, by === 'c' ? CUSTOMER_LINES : BUSINESS_LINES);
  }
  return steps;
}

function seedGeneric(ctx: Ctx, page: Page, count: number, perConv: number, spreadMs: number): void {
  for (let i = 0; i < count; i++) {
    const lastAgo = Math.floor(((i + ctx.rng()) / count) * spreadMs) + MIN;
    const p = participant(ctx, randomUsername(ctx), null);
    scripted(ctx, page, p, 'generic', filler(ctx, perConv, lastAgo, 2 * HOUR));
  }
}

const love = (byBusiness: boolean): Reaction => ({ emoji: '❤️', byBusiness });

function seedLumen(ctx: Ctx, page: Page): void {
  const c = (text: string, ago: number, extra: Partial<Step> = {}): Step => ({ by: 'c', ago, text, ...extra });
  const b = (text: string, ago: number, extra: Partial<Step> = {}): Step => ({ by: 'b', ago, text, ...extra });
  const k = (kind: MessageKind, ago: number, label: string, by: 'c' | 'b' = 'c'): Step => ({ by, ago, kind, label });

  // Newest activity: a recent customer message, 24 messages (over the 20-message rule).
  const sofia = participant(ctx, 'sofia.bakes', 'Sofia Marin');
  scripted(ctx, page, sofia, 'newest', [
    ...filler(ctx, 21, 40 * MIN, 30 * MIN),
    b('Order #5120 is packed and ships today 📦', 20 * MIN, { reactions: [love(false)] }),
    c('Amazing, thank you!', 10 * MIN, { reactions: [love(true)] }),
    c('Can I still add 2 bags of Huila to order #5120? 🙏', 2 * MIN, { label: 'latest_inbound' }),
  ]);

  const maria = participant(ctx, 'maria', 'Maria Lopez');
  scripted(ctx, page, maria, 'media', [
    c('Hi! Sending you photos of the grinder issue', 45 * MIN),
    k('image', 44 * MIN, 'image'),
    k('video', 43 * MIN, 'video'),
    b('Thanks Maria, looking at it now', 40 * MIN),
    k('gif', 38 * MIN, 'gif'),
    k('sticker', 37 * MIN, 'sticker'),
    k('audio', 36 * MIN, 'audio'),
    k('file', 35 * MIN, 'file'),
    b('Got the PDF, we will prepare the order.', 13 * MIN),
    c('perfect 👍', 12 * MIN),
  ]);

  // Same display name "Maria", different person and IGSID.
  const maria2 = participant(ctx, 'maria_', 'Maria');
  scripted(ctx, page, maria2, 'maria_twin', [
    c('hola! do you have oat milk?', 30 * MIN),
    b('We do! Oat and almond 🌱', 26 * MIN),
    c('great see you later', 25 * MIN),
  ]);

  const tom = participant(ctx, 'thirdwave.tom', 'Tom Becker');
  scripted(ctx, page, tom, 'shares', [
    c('look at this', 50 * MIN),
    k('share_post', 49 * MIN, 'share_post'),
    k('share_post_link', 48 * MIN, 'share_post_link'),
    k('share_reel_media', 47 * MIN, 'share_reel_media'),
    k('ig_reel', 46 * MIN, 'ig_reel'),
    k('share_reel', 45 * MIN, 'share_reel'),
    b('Haha love it, we should try that 😄', 41 * MIN),
    c('you totally should', 40 * MIN),
  ]);

  const nina = participant(ctx, 'nina.k', 'Nina K.');
  scripted(ctx, page, nina, 'stories_live', [
    k('story_mention', 3 * HOUR, 'story_mention_live'),
    b('Thanks for the mention Nina! 💛', 2 * HOUR),
    { by: 'c', ago: 55 * MIN, kind: 'story_reply', text: 'Is this blend back for good?', label: 'story_reply_live' },
  ]);

  const tester = participant(ctx, 'x.tester', 'Pen Tester');
  scripted(ctx, page, tester, 'hostile', [
    c(HOSTILE_TEXT, 3 * HOUR + 5 * MIN, { label: 'hostile' }),
    c(LONG_TEXT, 3 * HOUR + 2 * MIN, { label: 'long_text' }),
    b('Hi! How can we help?', 3 * HOUR + MIN),
    c(EMOJI_TEXT, 3 * HOUR, { label: 'emoji' }),
  ]);

  // Meta names nobody here: no username in the list, and the profile read answers 9010.
  const anon = participant(ctx, undefined, null, { noMatch: true });
  scripted(ctx, page, anon, 'no_username', [
    c('hello?? anyone there', 5 * HOUR + 10 * MIN),
    b('Hi! Yes, how can we help?', 5 * HOUR + 5 * MIN),
    c('what time do you close today', 5 * HOUR),
  ]);

  const leo = participant(ctx, 'leo.brews', 'Leo Brenner');
  scripted(ctx, page, leo, 'reactions_reply', [
    c('Is the cupping on Thursday free?', 10 * HOUR, { reactions: [{ emoji: '👍', byBusiness: true }] }),
    b('Yes! Free, but please sign up.', 9 * HOUR + 50 * MIN, { reactions: [{ emoji: '😂', byBusiness: false }] }),
    c('How do I sign up?', 9 * HOUR + 45 * MIN, { replyTo: 1, label: 'inline_reply' }),
    b('Just reply here with your name 🙂', 9 * HOUR + 40 * MIN, { replyTo: 2, label: 'inline_reply_business' }),
    c('oops wrong chat', 9 * HOUR + 35 * MIN, { deleted: true, label: 'deleted' }),
    { by: 'c', ago: 9 * HOUR + 30 * MIN, kind: 'unsupported', label: 'unsupported' },
    b('See you Thursday! (sent from the Instagram app)', 9 * HOUR + 20 * MIN, { label: 'sent_from_ig_app' }),
    c('Leo Brenner ✌️', 9 * HOUR, { reactions: [love(false), love(true)] }),
  ]);

  const ghost = participant(ctx, 'ghost.account', 'Ghost', { noConsent: true });
  scripted(ctx, page, ghost, 'no_consent', [c('hi', 15 * HOUR), b('Hello! 👋', 14 * HOUR)]);

  const friend = participant(ctx, 'old.friend', 'Old Friend');
  scripted(ctx, page, friend, 'stories_expired', [
    k('story_mention', 30 * HOUR, 'story_mention_expired'),
    { by: 'c', ago: 28 * HOUR, kind: 'story_reply', text: 'this one 😍', label: 'story_reply_expired' },
    c('did you see my story?', 21 * HOUR),
  ]);

  const leipzig = participant(ctx, 'cafe.leipzig', 'Café Leipzig');
  scripted(ctx, page, leipzig, 'window_closed', [
    c('We run a small café in Leipzig and would love to talk wholesale pricing', 3 * DAY + 2 * HOUR),
    b('Great! What volume are you thinking about?', 3 * DAY + HOUR),
    c('Around 12 kg a month to start', 3 * DAY, { label: 'last_inbound_3d' }),
  ]);

  const jonas = participant(ctx, 'jonas.r', 'Jonas R.');
  scripted(ctx, page, jonas, 'window_expired', [
    c('Do you roast on Mondays?', 10 * DAY + HOUR),
    b('We roast Tue and Thu!', 10 * DAY + 30 * MIN),
    c('ok thanks', 10 * DAY, { label: 'last_inbound_10d' }),
  ]);

  const berlin = participant(ctx, 'wholesale.berlin', 'Kiez Kaffee Berlin', { isVerified: true, followerCount: 48_200 });
  scripted(ctx, page, berlin, 'long_thread', filler(ctx, 40, 6 * HOUR, 40 * MIN));

  // The rest: several within 24 h, many older (up to ~60 days).
  for (let i = 0; i < 51; i++) {
    const lastAgo =
      i < 8
        ? (i + 1) * 2 * HOUR + intBetween(ctx.rng, 0, HOUR)
        : DAY + Math.floor(((i - 8) / 43) * 59 * DAY) + intBetween(ctx.rng, 0, 6 * HOUR);
    const p = participant(ctx, randomUsername(ctx), ctx.rng() < 0.5 ? null : 'Customer');
    const count = i % 10 === 3 ? intBetween(ctx.rng, 21, 40) : intBetween(ctx.rng, 3, 14);
    scripted(ctx, page, p, 'generic', filler(ctx, count, lastAgo, 3 * HOUR));
  }
}

function seedAtelier(ctx: Ctx, page: Page): void {
  const p = (u: string, name: string): Participant => participant(ctx, u, name);
  scripted(ctx, page, p('hanna.design', 'Hanna'), 'atelier_text', [
    { by: 'c', ago: 30 * MIN, text: 'Is the linen tote back in stock?' },
    { by: 'b', ago: 20 * MIN, text: 'Next Tuesday! 🧵' },
  ]);
  scripted(ctx, page, p('kasper.m', 'Kasper'), 'atelier_image', [
    { by: 'c', ago: 3 * HOUR, text: 'Custom order idea:' },
    { by: 'c', ago: 3 * HOUR - MIN, kind: 'image' },
  ]);
  scripted(ctx, page, p('studio.vera', 'Vera'), 'atelier_story', [{ by: 'c', ago: 8 * HOUR, kind: 'story_mention' }]);
  scripted(ctx, page, p('nordic.finds', 'Nordic Finds'), 'atelier_share', [
    { by: 'c', ago: 20 * HOUR, kind: 'share_post' },
    { by: 'b', ago: 19 * HOUR, text: 'Thank you for sharing 🙏', reactions: [love(false)] },
  ]);
  scripted(ctx, page, p('ola.weaves', 'Ola'), 'atelier_window_closed', [
    { by: 'c', ago: 2 * DAY, text: 'Do you ship to Norway?' },
    { by: 'b', ago: 2 * DAY - HOUR, text: 'Yes, 5–7 days.' },
  ]);
  scripted(ctx, page, p('eirik.b', 'Eirik'), 'atelier_old', filler(ctx, 6, 20 * DAY, 5 * HOUR));
  // A thread Meta lists with no messages (e.g. a request whose only message was unsent).
  scripted(ctx, page, p('silent.sam', 'Sam'), 'atelier_empty', [], 21 * DAY);
}
