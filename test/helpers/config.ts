/** The least environment the API's configuration accepts: what a unit test builds on. */
export const MINIMAL_API_ENV = {
  TABLE_NAME: 't',
  ORIGINALS_BUCKET: 'o',
  VARIANTS_BUCKET: 'v',
  DELIVERY_BASE_URL: 'https://cdn.example',
  DELIVERY_KEYS: 'k1:a-secret-of-at-least-thirty-two-characters',
};
