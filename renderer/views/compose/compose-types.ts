import type { z } from 'zod';
import type { composeOperationInputs } from '../../../shared/compose-ops';

/** The input of a compose operation as the view writes it. */
export type ComposeInputOf<N extends keyof typeof composeOperationInputs> = z.input<(typeof composeOperationInputs)[N]>;
