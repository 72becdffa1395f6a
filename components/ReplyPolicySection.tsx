import { useEffect, useState } from 'preact/hooks';
import { humanAgentSetting } from '@/lib/settings';

/** Whether the Meta app has Human Agent approval (7-day reply window). */
export function ReplyPolicySection() {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  useEffect(() => {
    void humanAgentSetting.getValue().then(setEnabled);
  }, []);
  if (enabled === null) return null;
  return (
    <section class="card" aria-labelledby="reply-policy-title">
      <h2 id="reply-policy-title">Reply window</h2>
      <p>
        Instagram lets a business reply within 24 hours of the customer’s last message. Apps approved for the Human Agent feature in Meta’s
        App Review may reply for 7 days; DM Desk then tags those replies as sent by a person.
      </p>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => {
            const next = e.currentTarget.checked;
            setEnabled(next);
            void humanAgentSetting.setValue(next);
          }}
        />
        My Meta app has Human Agent approval
      </label>
    </section>
  );
}
