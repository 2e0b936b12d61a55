/**
 * The language setting's schema, a module of its own: the code that only picks or names a language
 * (the command line's, from the environment) imports locales.ts without building a schema.
 */
import { z } from 'zod';
import { LOCALES } from './locales';

/** The language setting: one of {@link LOCALES}, or null to follow the operating system. */
export const languageSchema = z.enum(LOCALES).nullable();
