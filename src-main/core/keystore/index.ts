/** Private watermark keys: the data folder's key store, its export files, and the watermark keys made from them. */
export { createKeyStore, type KeyStore, type KeyStoreOptions, type PrivateWatermarkKeys } from './keyStore';
export { KEY_STORE_FILE } from './storeFile';
