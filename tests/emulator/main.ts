// CLI: `npx tsx tests/emulator/main.ts --port 47810 [--live 20000] [--scale 10000x10]`
import { startEmulator, type SeedOption } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg('port') ?? 47810);
const live = arg('live');
const scale = arg('scale');
let seed: SeedOption = 'default';
if (scale) {
  const [c, m] = scale.split('x').map(Number);
  seed = { scale: { conversations: c ?? 1000, messagesPerConversation: m ?? 10 } };
}

const emu = await startEmulator({ port, seed, ...(live ? { liveInboundEveryMs: Number(live) } : {}) });
console.log(`Meta Graph API emulator listening on ${emu.url}`);
console.log(`  WXT_GRAPH_API_BASE=${emu.graphBase}`);
console.log(`  WXT_OAUTH_DIALOG_URL=${emu.dialogUrl}`);
console.log(`  admin: ${emu.url}/__admin/state`);
if (live) console.log(`  live inbound message every ${live} ms`);

const stop = (): void => {
  void emu.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
