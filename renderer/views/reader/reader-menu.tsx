import { useState } from 'react';
import type { MessageView } from '../../../shared/mail';
import { MenuButton } from '../../components/menu-button';
import type { MenuEntry } from '../../components/menu-items';
import { printMessage } from './print-copy';
import { openMessageWindow, saveAsEml } from './raw-source';
import { SourceDialog } from './source-dialog';
import './reader-menu.css';
import { useT } from '../../state/locale';
import type { Translate } from '../../../shared/i18n/catalogs';

/** The reader's actions on the open message, as menu entries (the reader's menu and the list's context menu share them). */
export function messageActionEntries(
  message: Pick<MessageView, 'id' | 'subject'>,
  options: { readonly t: Translate; readonly standalone: boolean; readonly onSource: () => void; readonly onProblem: (problem: string | null) => void },
): MenuEntry[] {
  const { t } = options;
  return [
    ...(options.standalone ? [] : [{ label: t('readerMenu.newWindow'), onSelect: () => void openMessageWindow(message.id).then(options.onProblem) }]),
    { label: t('readerMenu.print'), onSelect: printMessage },
    { label: t('readerMenu.source'), onSelect: options.onSource },
    { label: t('source.saveEml'), onSelect: () => void saveAsEml(message.id, message.subject).then(options.onProblem) },
  ];
}

/**
 * The reader's "More actions" menu: open in a window of its own, Print, View source and Save as .eml,
 * with the source dialog it opens and any problem in plain words.
 */
export function ReaderMenu(props: { readonly message: MessageView; readonly standalone: boolean }) {
  const t = useT();
  const [source, setSource] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const entries = messageActionEntries(props.message, { t, standalone: props.standalone, onSource: () => setSource(true), onProblem: setProblem });
  return (
    <>
      <MenuButton label={t('readerMenu.label')} className="reader-more" entries={entries}>
        {t('readerMenu.button')}
      </MenuButton>
      {problem !== null && (
        <span role="alert" className="reader-error">
          {problem}
        </span>
      )}
      {source && <SourceDialog messageId={props.message.id} subject={props.message.subject} onClose={() => setSource(false)} />}
    </>
  );
}
