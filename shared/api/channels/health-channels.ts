/** The health check: run every check for a profile, read the last run, keep the profile's node list. */
import * as z from 'zod';
import { channel } from '../channel-spec.js';
import { HealthRunSchema, NodeAddressSchema } from '../health-schemas.js';
import { ProfileIdSchema } from '../profile-schemas.js';

export const healthChannels = {
  'health.run': channel({
    description: 'Runs every health check of a profile (served certificate, IdP signing certificates, clocks, expiry, drift since the last good state) and keeps the run.',
    input: z
      .object({
        profileId: ProfileIdSchema,
        /** Nodes to check under the site's name (like curl --connect-to); default: the profile's node list, else the site host. */
        connectTo: z.array(NodeAddressSchema).max(64, 'Check at most 64 nodes at once.').optional(),
        /** The IdP certificate the site trusts, as PEM, instead of the one recorded by "IdP certificate for the site". */
        siteIdpCertificatePem: z.string().max(64 * 1024, 'The certificate file is larger than 64 KB.').optional(),
      })
      .strict(),
    output: HealthRunSchema,
  }),
  'health.last': channel({
    description: 'The last health-check run of a profile (null before the first) and the node list it keeps.',
    input: z.object({ profileId: ProfileIdSchema }).strict(),
    output: z.object({ run: HealthRunSchema.nullable(), nodes: z.array(z.string()) }),
  }),
  'health.setNodes': channel({
    description: 'Keeps the site\'s node list (HOST:PORT behind the load balancer) for the health check.',
    input: z.object({ profileId: ProfileIdSchema, nodes: z.array(NodeAddressSchema).max(64) }).strict(),
    output: z.object({ nodes: z.array(z.string()) }),
  }),
};
