/**
 * The console's Content-Security-Policy, the same on every stack: its own script and styles
 * only, images from itself (delivery URLs, ThumbHash previews as data: URLs, chosen files as
 * blob: previews) and from the variants bucket (the review queue's presigned URLs of held
 * variants), and requests to the API, the originals bucket (the presigned POST) and, on AWS,
 * Cognito's token endpoint. Nothing else can be reached even if a library tried. The local front sends it as is;
 * terraform/console.tf builds the same string for CloudFront (a contract test compares them).
 */
export interface ConsoleOrigins {
  /** Origins the page sends requests to besides its own: API, uploads, sign-in. */
  connect: string[];
  /** Origins images come from besides its own: the review queue's presigned URLs. */
  images: string[];
}

const unique = (origins: string[]) => [...new Set(origins)].sort();

export function consoleContentSecurityPolicy(origins: ConsoleOrigins): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // React and uPlot set styles through the CSSOM (element.style), which style-src does not
    // govern; stylesheets come from the console's own CSS file only.
    "style-src 'self'",
    ['img-src', "'self'", 'data:', 'blob:', ...unique(origins.images)].join(' '),
    ['connect-src', "'self'", ...unique(origins.connect)].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
