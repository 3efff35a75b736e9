/**
 * The console's runtime configuration, `/console/config.json`: what differs between stacks, read
 * by the page when it starts, so one build of the console serves every stack. The embedded
 * default serves it from its own settings (src/local/console-front.ts); on AWS Terraform writes
 * it beside the built files (terraform/console.tf).
 */
import * as z from '../model/zod.js';

const Url = z.url({ protocol: /^https?$/ });

export const ConsoleConfigSchema = z.object({
  /** The GraphQL endpoint every call goes to. */
  graphqlUrl: Url,
  /** The group whose members see everyone's metrics and the review queue. */
  adminGroup: z.string().check(z.minLength(1)),
  auth: z.discriminatedUnion('mode', [
    /** The embedded default: `Authorization: Bearer dev:<user>[,<group>]`, chosen at sign-in. */
    z.object({ mode: z.literal('dev') }),
    /** Cognito's hosted sign-in: authorization code with PKCE, then the ID token as bearer. */
    z.object({
      mode: z.literal('cognito'),
      /** The user pool domain, e.g. https://darkroom-123.auth.eu-west-1.amazoncognito.com. */
      domain: Url,
      clientId: z.string().check(z.minLength(1)),
      scopes: z.array(z.string()),
    }),
    /** No authorizer (auth_mode = "none"): every caller is the same owner. */
    z.object({ mode: z.literal('none') }),
  ]),
});

export type ConsoleConfig = z.infer<typeof ConsoleConfigSchema>;

/** Where the page finds its configuration, beside its script. */
export const CONSOLE_CONFIG_PATH = '/console/config.json';
/** Where the built files other than index.html live (hashed names, cacheable for a year). */
export const CONSOLE_ASSETS_PREFIX = '/console/';
