import type { SearchDoc } from '../../lib/search';

/** mulberry32: a small seeded PRNG, so every run indexes the same archive. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATES = [
  'Hi! Is the {product} still available in size {size}? 😊',
  'Hola, ¿cuánto cuesta el envío a {city}? Gracias 🙏',
  'Bonjour, ma commande {order} n’est pas arrivée, pouvez-vous vérifier ? 😕',
  'Hallo, kann ich die Bestellung {order} noch ändern? Größe {size} wäre besser.',
  'Olá! Vocês entregam em {city}? Quero o {product} ❤️',
  'Merhaba, {product} için indirim var mı? Teşekkürler 👍',
  'Dzień dobry, czy {product} jest dostępny? Zamówienie {order}',
  'Thanks so much, the {product} arrived today ☕ love it!',
  'Can I return the {product}? It was too small 😅',
  'Café au lait or espresso? We open at {hour} tomorrow ☕',
  'Your order {order} ships tomorrow from {city} 🚚',
  'Do you have gift cards? My friend in {city} loves your {product} 🎁',
  'The discount code {code} is not working at checkout 😤',
  'Perfect, I will pick it up in {city} at {hour}. Merci beaucoup!',
  'Está rota la caja del {product}, ¿me mandan otra? 📦',
  'こんにちは、{product}の在庫はありますか？',
  'Ich möchte {product} zurückschicken, bitte eine Rücksendung für {order} 🙏',
  'Is the naïve crème brûlée tart gluten-free? 🍰',
  '{product} in Größe {size}? Über den Preis können wir reden 😉',
  'ok 👍',
  'thank you!! 🙌🏽',
  'Where is my refund for {order}? It has been {days} days',
];
const FILL: Record<string, string[]> = {
  product: [
    'hoodie',
    'latte mug',
    'tote bag',
    'crème brûlée kit',
    'espresso beans',
    'Ölgemälde',
    'piñata',
    'café blend',
    'tee shirt',
    'sneakers',
    'açaí bowl',
    'gift box',
  ],
  size: ['XS', 'S', 'M', 'L', 'XL', '38', '42'],
  city: ['São Paulo', 'México', 'Zürich', 'Kraków', 'İstanbul', 'Montréal', 'Lyon', 'Bogotá', 'Köln', 'London', 'Málaga'],
  hour: ['8am', '9:30', '10h', '14:00'],
  code: ['SPRING10', 'WELCOME', 'ÉTÉ2024', 'VIP-20'],
};
const FIRST = [
  'María',
  'José',
  'Zoë',
  'Chloé',
  'Jürgen',
  'Łukasz',
  'Ayşe',
  'João',
  'Noémie',
  'Sam',
  'Priya',
  'Kenji',
  'Olivia',
  'Mateo',
  'Søren',
  'Anaïs',
];
const LAST = ['García', 'Müller', 'Nowak', 'Yılmaz', 'Lefèvre', 'Silva', 'Smith', 'Núñez', 'Østergaard', 'Tanaka', 'Brown', 'Dubois'];

/** `n` messages over `accounts` accounts, ~20 per conversation, newest last. */
export function generateDocs(n: number, seed = 42, accounts = 4): SearchDoc[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const docs: SearchDoc[] = [];
  const start = Date.UTC(2023, 0, 1);
  let conv = 0;
  let participant = { name: '', username: '' };
  for (let i = 0; i < n; i++) {
    if (i % 20 === 0) {
      conv++;
      const first = pick(FIRST);
      const last = pick(LAST);
      participant = { name: `${first} ${last}`, username: `${normal(first)}.${normal(last)}_${Math.floor(rnd() * 1000)}` };
    }
    const text = pick(TEMPLATES).replace(/\{(\w+)\}/g, (_, k: string) => {
      if (k === 'order') return `#${100000 + Math.floor(rnd() * 900000)}`;
      if (k === 'days') return String(2 + Math.floor(rnd() * 20));
      return pick(FILL[k]!);
    });
    docs.push({
      messageId: `m${i}`,
      conversationId: `c${conv}`,
      accountId: `acc${conv % accounts}`,
      createdTime: start + i * 60_000 + Math.floor(rnd() * 30_000),
      text,
      participantName: rnd() < 0.2 ? null : participant.name,
      participantUsername: participant.username,
    });
  }
  return docs;
}

function normal(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The queries timed, by kind (prefix: the last term is still being typed). */
export const QUERIES: Record<string, string[]> = {
  '1 word': ['cafe', 'order', 'zurich', 'garcia', '☕', 'refund', 'gracias', 'grosse', 'mexico', 'spring10'],
  '2 words': ['cafe blend', 'latte mug', 'maria garcia', 'order ships', 'envio bogota', 'creme brulee', 'gift cards', 'merci beaucoup'],
  '3 words': ['is the hoodie', 'ships tomorrow from', 'the discount code', 'gluten free tart', 'kann ich die', 'cuanto cuesta el'],
  prefix: ['caf', 'espr', 'refu', 'mü', 'zo', 'order shi', 'gift ca', 'crème b', 'istan', 'lu'],
};
