import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { MessageWindow } from './message-window';
import { standaloneMessageId } from './state/message-route';
import './styles.css';

const container = document.getElementById('root');
// eslint-disable-next-line mailbag-window/strings -- a fault of the page itself, never shown: the window cannot start
if (container === null) throw new Error('The page has no #root element.');
const messageId = standaloneMessageId(window.location.search);
createRoot(container).render(<StrictMode>{messageId === null ? <App /> : <MessageWindow messageId={messageId} />}</StrictMode>);
