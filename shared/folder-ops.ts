/**
 * Input schemas and result shapes of the folder operations: the folder tree with Local Folders,
 * creating, renaming and deleting user folders, copying messages, marking a folder read and deleting
 * messages for good, and reading messages' places and flags (for undo). Names are checked here for shape; main checks them again against the store.
 */
import { z } from 'zod';
import { MAX_MESSAGE_IDS, type FolderRoleName } from './mail';

/** Longest folder name accepted (the store's bound). */
export const MAX_FOLDER_NAME_CHARACTERS = 200;

const accountIdSchema = z.string().min(1).max(128);
const folderIdSchema = z.number().int().positive();
const idsSchema = z.array(z.number().int().positive()).min(1).max(MAX_MESSAGE_IDS);
const folderNameSchema = z.string().min(1).max(MAX_FOLDER_NAME_CHARACTERS);

/** One folder of the tree; `accountId` null for a Local Folder, `parentId` null at the top. */
export interface TreeFolderView {
  readonly id: number;
  readonly accountId: string | null;
  readonly parentId: number | null;
  readonly role: FolderRoleName | null;
  readonly name: string;
  readonly total: number;
  readonly unread: number;
}

/** Every account's folders, then the Local Folders, each a flat list in display order with parents. */
export interface FolderTreeView {
  readonly accounts: ReadonlyArray<{ readonly accountId: string; readonly accountName: string; readonly folders: readonly TreeFolderView[] }>;
  readonly localFolders: readonly TreeFolderView[];
}

/** Inputs of the folder operations, validated in main before a handler runs. */
export const folderOperationInputs = {
  listFolderTree: z.strictObject({ accountId: accountIdSchema.optional() }).optional(),
  /** `accountId` null and no parent: a folder of Local Folders; a sub-folder takes its parent's tree. */
  createFolder: z.strictObject({ accountId: accountIdSchema.nullable(), parentId: folderIdSchema.nullable().optional(), name: folderNameSchema }),
  renameFolder: z.strictObject({ folderId: folderIdSchema, name: folderNameSchema }),
  /** The folder, its sub-folders and their mail go (the mail to Trash); special folders cannot. */
  deleteFolder: z.strictObject({ folderId: folderIdSchema }),
  copyMessages: z.strictObject({ ids: idsSchema, folderId: folderIdSchema }),
  markFolderRead: z.strictObject({ folderId: folderIdSchema }),
  /** Deletes messages for good, wherever they are (the window asks first). */
  deleteMessagesPermanently: z.strictObject({ ids: idsSchema }),
  /** Where messages are and their flags, read before a change so the window can undo it. */
  messageStates: z.strictObject({ ids: idsSchema }),
} as const;

/** A stored message's folder and flags at one moment; unknown ids are left out. */
export interface MessageStateView {
  readonly id: number;
  readonly folderId: number;
  readonly seen: boolean;
  readonly flagged: boolean;
}

/** What the folder operations return. */
export interface FolderOperationOutputs {
  listFolderTree: FolderTreeView;
  createFolder: { readonly id: number };
  renameFolder: { readonly id: number };
  deleteFolder: { readonly movedToTrash: number };
  copyMessages: { readonly copies: readonly number[] };
  markFolderRead: { readonly changed: number };
  deleteMessagesPermanently: { readonly deleted: number };
  messageStates: { readonly messages: readonly MessageStateView[] };
}
