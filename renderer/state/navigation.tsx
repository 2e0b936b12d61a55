import { createContext, useContext } from 'react';
import type { ComposeMode } from '../../shared/compose';

/** The page the window shows. Compose opens over any of them. */
export type View =
  | { readonly kind: 'mail' }
  | { readonly kind: 'account-setup'; readonly accountId?: string }
  | { readonly kind: 'settings'; readonly section?: SettingsSection; readonly newRule?: NewRulePrefill }
  | { readonly kind: 'server-mailbox'; readonly accountId: string }
  | { readonly kind: 'contacts' };

/** One condition a message suggests for a new rule ("From ann@example.com"): what it tests and the value, named in the editor's language. */
export interface RuleSuggestion {
  readonly kind: 'from' | 'subject' | 'list';
  readonly value: string;
  readonly query: string;
  readonly chosen: boolean;
}

/** A new rule's condition and account, from "Create rule from this message". */
export interface NewRulePrefill {
  readonly name: string;
  readonly query: string;
  readonly accountId: string | null;
  readonly suggestions?: readonly RuleSuggestion[];
}

/** The parts of the Settings page. */
export type SettingsSection = 'accounts' | 'general' | 'appearance' | 'language' | 'keyboard' | 'notifications' | 'desktop' | 'rules' | 'remote-content';

/** What a compose window starts from. */
export type ComposeRequest =
  | { readonly kind: 'new'; readonly accountId?: string }
  | { readonly kind: 'answer'; readonly messageId: number; readonly mode: ComposeMode }
  | { readonly kind: 'draft'; readonly draftId: number }
  /** A `mailto:` link; written from the account given, else from the first. */
  | { readonly kind: 'mailto'; readonly accountId?: string; readonly url: string }
  | { readonly kind: 'outbox'; readonly outboxId: number };

/** Moving between pages and opening compose, for every view. */
export interface Navigation {
  readonly view: View;
  show(view: View): void;
  /** Opens compose (one at a time; a second request replaces an untouched one, else asks). */
  openCompose(request: ComposeRequest): void;
  readonly compose: ComposeRequest | null;
  closeCompose(): void;
}

export const NavigationContext = createContext<Navigation | null>(null);

/** The navigation of the window this component is in. */
export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  // eslint-disable-next-line mailbag-window/strings -- a programming error, caught by the tests, never shown
  if (navigation === null) throw new Error('useNavigation outside NavigationContext');
  return navigation;
}
