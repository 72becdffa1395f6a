import { render } from '@testing-library/preact';
import { expect, test } from 'vitest';
import { Words } from '@/components/Words';

test('puts markup into the slots of a translated sentence and keeps the rest as text', () => {
  const { container } = render(
    <p>
      <Words message="<b>{user}</b> can’t read {user} {missing}" parts={{ user: <strong>@lena</strong> }} />
    </p>,
  );
  expect(container.innerHTML).toBe('<p>&lt;b&gt;<strong>@lena</strong>&lt;/b&gt; can’t read <strong>@lena</strong> {missing}</p>');
});
