// Every file the renderer asks the platform to open, as a named request built from FILE_LIMITS. The call sites use
// these values (never an inline `{ extensions, maxBytes }`), and the desktop contract test
// (electron/contract.test.ts) sends exactly these through the real preload to the real main process, so a request
// the shell would refuse cannot ship.
import { FILE_LIMITS } from '../limits/files.ts';
import type { OpenFileRequest } from './types.ts';

const request = (extensions: readonly string[], maxBytes: number): OpenFileRequest =>
  Object.freeze({ extensions: Object.freeze([...extensions]), maxBytes });

/** Import… (a plan file). */
export const OPEN_PLAN = request(['json'], FILE_LIMITS.planBytes);

/** Restore from file… (an "Export all data" file). */
export const OPEN_RESTORE = request(['json'], FILE_LIMITS.restoreBytes);

/** The traffic import panel's "Choose file". */
export const OPEN_TRAFFIC = request(['csv', 'txt'], FILE_LIMITS.trafficBytes);

/** The services table's "Import services from CSV…": a services list is part of a plan, so the plan's limit. */
export const OPEN_SERVICES = request(['csv', 'txt'], FILE_LIMITS.planBytes);

/** All of them, by name: the contract test walks this list, so a new request is covered once it is added here. */
export const OPEN_REQUESTS = Object.freeze({ OPEN_PLAN, OPEN_RESTORE, OPEN_TRAFFIC, OPEN_SERVICES });
