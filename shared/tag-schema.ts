/**
 * The schema of a tag key, a module of its own: the code that only lists or reads tags (the message
 * store, the command line) imports tags.ts without building a schema.
 */
import { z } from 'zod';
import { MESSAGE_TAG_KEYS } from './tags';

/** A tag key as inputs carry it. */
export const messageTagSchema = z.enum(MESSAGE_TAG_KEYS);
