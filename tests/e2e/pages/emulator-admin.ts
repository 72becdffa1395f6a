/** The emulator's admin API, as tests use it. */
import type { FaultKind } from '../../emulator/state';

/** A fault for `POST /__admin/faults` (tests/emulator/README.md › Faults says what each kind does). */
export interface FaultSpec {
  match: string;
  method?: string;
  kind: FaultKind;
  /** IG username, IG id or Page id: only that account's calls. */
  account?: string;
  status?: number;
  latencyMs?: number;
  /** Graph error code for `rate_limit` (4, 17, 32, 613, 80002, 80006) or `processed_status` (1, 2). */
  code?: number;
  regainMinutes?: number;
  maxData?: number;
  times?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  at: string;
  pageId?: string;
  batch?: boolean;
  fault?: FaultKind;
}

export class EmulatorAdmin {
  constructor(readonly baseUrl: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/__admin/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`admin ${method} ${path} → ${res.status}: ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Back to the default seed (a test may have switched to a scale seed). */
  reset(): Promise<unknown> {
    return this.call('POST', 'reset', { seed: 'default' });
  }
  inbound(body: {
    account: string;
    /** `name`: a new participant's name in the User Profile API. */
    from?: string | { username?: string; name?: string };
    text?: string;
    kind?: string;
    /** The business wrote it from the Instagram app. */
    echo?: boolean;
  }): Promise<{ conversation_id: string; message_id: string }> {
    return this.call('POST', 'inbound', body);
  }
  /** The customer takes a message back: Meta stops returning it ('vanish'), marks it deleted, or lists it without details ('withheld'). */
  unsend(body: { message_id: string; mode: 'vanish' | 'deleted' | 'withheld'; account?: string }): Promise<{ conversation_id: string }> {
    return this.call('POST', 'unsend', body);
  }
  fault(spec: FaultSpec): Promise<unknown> {
    return this.call('POST', 'faults', spec);
  }
  clearFaults(): Promise<unknown> {
    return this.call('DELETE', 'faults');
  }
  setPermission(permission: string, status: 'granted' | 'declined'): Promise<unknown> {
    return this.call('POST', 'permissions', { permission, status });
  }
  expireTokens(): Promise<unknown> {
    return this.call('POST', 'expire-tokens');
  }
  setConsent(remember: boolean): Promise<unknown> {
    return this.call('POST', 'consent', { remember });
  }
  advanceClock(ms: number): Promise<unknown> {
    return this.call('POST', 'advance', { ms });
  }
  setHumanAgent(enabled: boolean): Promise<unknown> {
    return this.call('POST', 'human-agent', { enabled });
  }
  /** Conversations of an account, newest first, with the seed's labels. */
  conversations(account: string): Promise<Array<{ id: string; label: string | null; customer: { id: string; username?: string } }>> {
    return this.call('GET', `messages?account=${encodeURIComponent(account)}`);
  }
  requests(): Promise<LoggedRequest[]> {
    return this.call('GET', 'requests');
  }
  clearRequests(): Promise<unknown> {
    return this.call('DELETE', 'requests');
  }
  messages(account: string, conversation: string): Promise<unknown[]> {
    return this.call('GET', `messages?account=${encodeURIComponent(account)}&conversation=${encodeURIComponent(conversation)}`);
  }
}
