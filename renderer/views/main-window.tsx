import type { AppInfo } from '../../shared/ipc/contract';
import type { Settings } from '../../shared/settings';
import { AppearancePicker } from '../components/appearance-picker';
import { useNavigation } from '../state/navigation';
import { ReaderPane } from './reader/reader-pane';

/** The three-pane mail window: folders, message list and reader, under a toolbar and above a status line. */
export function MainWindow(props: {
  readonly info: AppInfo;
  readonly settings: Settings;
  readonly onAppearance: (value: Settings['appearance']) => void;
}) {
  const { info } = props;
  const navigation = useNavigation();
  return (
    <div className="main-window">
      <header className="toolbar" role="toolbar" aria-label="Mail commands">
        <span className="brand">Mailbag</span>
        <button type="button" onClick={() => navigation.openCompose({ kind: 'new' })}>
          New
        </button>
        <span className="toolbar-spacer" />
        <AppearancePicker value={props.settings.appearance} onChange={props.onAppearance} />
      </header>
      <div className="panes">
        <nav className="pane folder-pane" aria-label="Folders">
          <h2 className="pane-title">Folders</h2>
          <p className="empty">{info.accountCount === 0 ? 'No accounts yet.' : 'No folders.'}</p>
        </nav>
        <section className="pane list-pane" aria-label="Messages">
          <h2 className="pane-title">Inbox</h2>
          <p className="empty">No messages.</p>
        </section>
        <ReaderPane messageId={null} />
      </div>
      <footer className="status-line" role="status">
        {info.accountCount === 1 ? '1 account' : `${info.accountCount} accounts`} · mail stored in {info.profileDir}
      </footer>
    </div>
  );
}
