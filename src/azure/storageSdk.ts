/**
 * Azure Storage's page blob client, for downloading a disk, in a file of its own (dist/storage.js,
 * loaded by `storageSdk()` in lazySdk.ts): with its XML parser it is about 0.5 MB of code that only
 * a download needs.
 */
export { AnonymousCredential, newPipeline, PageBlobClient } from '@azure/storage-blob';
