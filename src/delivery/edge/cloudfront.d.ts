/** The CloudFront Functions runtime's own module (JavaScript runtime 2.0), as far as used here. */
declare module 'cloudfront' {
  interface KeyValueStore {
    /** The value, or a rejection when the key does not exist. */
    get(key: string): Promise<string>;
  }
  const cf: {
    /** The key value store associated with the function. */
    kvs(): KeyValueStore;
  };
  export default cf;
}
