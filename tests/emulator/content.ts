// Text pools and message-kind builders shared by the seed and the admin API.
import type { JsonObject } from './util';
import type { Message, StoryRef } from './model';

export const CUSTOMER_LINES: readonly string[] = [
  'Hi! Are you open on Sunday mornings?',
  'Do you ship whole beans to Austria? 🇦🇹',
  'I ordered the Ethiopia Guji last week, still no tracking number 😕',
  'We run a small café in Leipzig and would love to talk wholesale pricing',
  'What grind would you recommend for a Moka pot?',
  'Is the oat flat white vegan-friendly?',
  'My bag arrived torn open, beans everywhere. Not great.',
  'Can I pick up my order at the roastery instead?',
  'Do you have decaf that actually tastes like coffee? 😅',
  'The Colombia Huila is unreal. Ordering 3 more bags!! ☕☕☕',
  'What are your opening hours today?',
  'Do you do gift cards?',
  'Hey, is the cupping session on Thursday still happening?',
  'Can you invoice our company for 12 kg per month?',
  'Thanks so much, that solved it 🙏',
  'Is there parking near the shop?',
  'Do you sell the V60 filters too?',
  'ok perfect 👍',
  'Any chance of a discount for a student barista club?',
  'I was charged twice for order #4821 🤔',
];

export const BUSINESS_LINES: readonly string[] = [
  'Hi! Thanks for reaching out ☕',
  'We open at 8:00 on weekdays and 9:00 on weekends.',
  'So sorry about that! Could you send your order number?',
  'Yes, we ship across the EU. Shipping takes 2–4 working days.',
  'For a Moka pot we suggest a fine-medium grind, a bit coarser than espresso.',
  'Absolutely, pickup is free. We will message you when it is ready.',
  'I have forwarded this to our wholesale team, they will email you today.',
  'Our Swiss Water decaf from Peru is a customer favourite!',
  'Refund is on its way, you should see it in 3–5 days.',
  'Thank you! Enjoy your coffee 🙌',
  'Yes, Thursday 18:00, 8 spots left.',
  'Gift cards are available in the shop and online from 20 €.',
];

export const EMOJI_TEXT = '🔥🔥🔥 best. latte. ever. 😍☕️🥐✨ can we get the 🐻 latte art again?? 🙏🏽🙏🏽 #lumen 💯';

export const HOSTILE_TEXT =
  "<img src=x onerror=alert(1)> <script>alert('x')</script> **bold** javascript:alert(1) and a link https://example.com/menu";

/** > 900 UTF-8 bytes (umlauts and emoji are multi-byte). */
export const LONG_TEXT =
  'Hallo Lumen-Team! Ich schreibe euch, weil wir in unserem kleinen Café in Köln seit März eure Röstungen ausschenken und ' +
  'unsere Gäste begeistert sind 😊. Wir würden gern ab nächstem Monat größere Mengen bestellen: etwa 8 kg Espresso-Blend ' +
  '„Nachtschicht“, 4 kg vom Äthiopien Guji für Filter und 2 kg entkoffeinierten Kaffee. Könnt ihr uns sagen, ob es dafür ' +
  'Großhandelspreise gibt, wie die Lieferzeiten aussehen und ob ihr auch wiederverwendbare Eimer statt Tüten anbietet? ' +
  'Außerdem interessieren wir uns für eine Barista-Schulung für zwei Mitarbeiterinnen – gern an einem Montag, da haben ' +
  'wir Ruhetag. Zahlungsziel 30 Tage wäre ideal, Rechnung bitte an die GmbH (Adresse schicke ich per Mail). Und noch eine ' +
  'Frage zur Mühle: welche Einstellung empfehlt ihr für die Mazzer Mini bei eurem Espresso? Vielen Dank und liebe Grüße ' +
  'aus dem Belgischen Viertel ☕️🌿 — Jana & Tobi';

export type MessageKind =
  | 'text'
  | 'image'
  | 'gif'
  | 'sticker'
  | 'video'
  | 'audio'
  | 'file'
  | 'share_post'
  | 'share_reel'
  | 'share_post_link'
  | 'share_reel_media'
  | 'ig_reel'
  | 'story_mention'
  | 'story_reply'
  | 'unsupported';

export const MESSAGE_KINDS: readonly MessageKind[] = [
  'text',
  'image',
  'gif',
  'sticker',
  'video',
  'audio',
  'file',
  'share_post',
  'share_reel',
  'share_post_link',
  'share_reel_media',
  'ig_reel',
  'story_mention',
  'story_reply',
  'unsupported',
];

type Body = Pick<Message, 'text' | 'attachments' | 'shares' | 'story' | 'unsupported'>;

/**
 * Message content of a given kind. `n` is a stable numeric id source; `storyCreatedAt`
 * only matters for story kinds (stories expire 24 h later and their CDN URL starts to 404).
 */
export function contentOfKind(kind: MessageKind, n: number, text: string, storyCreatedAt: number): Body {
  const id = String(18_000_000_000_000_000 + n * 97);
  const img = (w: number, h: number, extra: JsonObject = {}): JsonObject => ({
    url: `/cdn/media/${id}.png`,
    preview_url: `/cdn/media/${id}.png?preview=1`,
    width: w,
    height: h,
    max_width: w,
    max_height: h,
    ...extra,
  });
  switch (kind) {
    case 'text':
      return { text };
    case 'image':
      return { text: '', attachments: [{ id, mime_type: 'image/png', name: `image-${id}.png`, image_data: img(1080, 1350) }] };
    case 'gif':
      return {
        text: '',
        attachments: [
          {
            id,
            mime_type: 'image/gif',
            name: `gif-${id}.gif`,
            image_data: img(480, 270, {
              animated_gif_url: `/cdn/media/${id}.gif`,
              animated_gif_preview_url: `/cdn/media/${id}.gif?preview=1`,
            }),
          },
        ],
      };
    case 'sticker':
      return { text: '', attachments: [{ id, image_data: img(240, 240, { render_as_sticker: true }) }] };
    case 'video':
      return {
        text: '',
        attachments: [
          {
            id,
            mime_type: 'video/mp4',
            name: `video-${id}.mp4`,
            video_data: { url: `/cdn/media/${id}.mp4`, preview_url: `/cdn/media/${id}.png`, width: 720, height: 1280 },
          },
        ],
      };
    case 'audio':
      // Unverified: how Meta shapes IG voice notes in reads (file_url vs video_data). We use file_url + audio mime.
      return { text: '', attachments: [{ id, mime_type: 'audio/wav', name: `audioclip-${id}.wav`, file_url: `/cdn/media/${id}.wav` }] };
    case 'file':
      return {
        text: '',
        attachments: [{ id, mime_type: 'application/pdf', name: 'wholesale-order.pdf', file_url: `/cdn/media/${id}.pdf` }],
      };
    case 'share_post':
      // Meta only includes the media URL (a CDN link) for shared posts.
      return {
        text: '',
        shares: [{ id, link: `/cdn/media/${id}.png`, name: 'Sunday pour-over ritual ☕', description: '@thirdwavejournal' }],
      };
    case 'share_reel':
      return {
        text: '',
        shares: [
          { id, link: `https://www.instagram.com/reel/C${id.slice(-9)}xR/`, name: 'Latte art in 15 seconds', description: '@baristadaily' },
        ],
      };
    case 'share_post_link':
      // A post shared as its instagram.com permalink: nothing to show in place.
      return {
        text: '',
        shares: [
          { id, link: `https://www.instagram.com/p/C${id.slice(-9)}pQ/`, name: 'New roast, same ritual', description: '@lumencoffee' },
        ],
      };
    case 'share_reel_media':
      // A reel shared as its video file on the CDN.
      return {
        text: '',
        shares: [{ id, link: `/cdn/media/${id}.mp4`, name: 'Milk steaming, slowed down', description: '@baristadaily' }],
      };
    case 'ig_reel':
      // The webhook-style attachment: its URL (like Meta's messaging CDN) does not say it is a video.
      return {
        text: '',
        attachments: [{ id, type: 'ig_reel', payload: { url: `/cdn/messaging/v${id}`, title: 'Cold brew in 30 seconds' } }],
      };
    case 'story_mention':
      return { text: '', story: storyRef('mention', id, storyCreatedAt) };
    case 'story_reply':
      return { text: text || 'This looks amazing, is it on the menu all week?', story: storyRef('reply', id, storyCreatedAt) };
    case 'unsupported':
      return { text: '', unsupported: true };
  }
}

function storyRef(kind: StoryRef['kind'], id: string, createdAt: number): StoryRef {
  return { kind, id, createdAt };
}
