import { useEffect, useState } from 'react';
import type { ConversationLineView } from '../../../shared/conversations';
import { bridge } from '../../bridge';
import { senderText, subjectText, useMailFormats } from '../mail/format';
import { SYMBOLS } from '../../components/symbols';
import { useT } from '../../state/locale';

/** Indentation of one reply level, in pixels. */
const INDENT_PX = 14;

/**
 * The reader's "Show conversation": the messages of the shown message's conversation (across the
 * folders chosen for conversations, Sent included by default) in reply order, each one a button that
 * shows it in the reader. Closed until asked for; a message alone in its conversation says so.
 */
export function ConversationPanel(props: { readonly messageId: number; readonly onPick: (id: number) => void }) {
  const formats = useMailFormats();
  const t = useT();
  const [open, setOpen] = useState(false);
  const [lines, setLines] = useState<readonly ConversationLineView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let current = true;
    void bridge.getConversation(props.messageId).then((result) => {
      if (!current) return;
      if (result.ok) setLines(result.value.lines);
      else setProblem(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [open, props.messageId]);
  if (!open) {
    return (
      <button type="button" className="show-conversation" onClick={() => setOpen(true)}>
        {t('conversations.show')}
      </button>
    );
  }
  const messages = lines?.filter((line) => line.message !== null).length ?? 0;
  return (
    <section className="conversation-panel" aria-label={t('conversations.title')}>
      <h3>
        {lines === null ? t('conversations.title') : t('conversations.titleCount', { count: messages })}
        {SYMBOLS.space}
        <button type="button" onClick={() => setOpen(false)}>
          {t('conversations.hide')}
        </button>
      </h3>
      {problem !== null && <p role="alert">{problem}</p>}
      {lines === null && problem === null && <p>{t('common.loading')}</p>}
      {lines !== null && (
        <ol className="conversation-lines">
          {lines.map((line, index) => (
            <li key={line.message?.id ?? `missing-${index}`} style={{ paddingInlineStart: `${line.depth * INDENT_PX}px` }}>
              {line.message === null ? (
                <span className="muted">{t('conversations.missingLine')}</span>
              ) : (
                <button
                  type="button"
                  aria-current={line.message.id === props.messageId ? 'true' : undefined}
                  onClick={() => line.message !== null && props.onPick(line.message.id)}
                >
                  <bdi>{senderText(t, line.message)}</bdi>
                  {SYMBOLS.lineSeparator}
                  <bdi>{subjectText(t, line.message)}</bdi>
                  {SYMBOLS.lineSeparator}
                  <time title={formats.fullDate(line.message.date)}>{formats.listDate(line.message.date)}</time>
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
