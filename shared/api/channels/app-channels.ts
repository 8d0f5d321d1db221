import * as z from 'zod';
import { channel } from '../channel-spec.js';

export const FrontDoorSchema = z.enum(['electron', 'browser', 'cli']);

export const appChannels = {
  'app.info': channel({
    description: 'Version, front door and data folder of the running core, and any warning from loading state.',
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      frontDoor: FrontDoorSchema,
      dataDir: z.string(),
      stateWarning: z.string().nullable(),
    }),
  }),
};
