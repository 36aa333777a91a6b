export * from './errors.js';
export * from './certificates/certificate-info.js';
export * from './certificates/canonical-ip.js';
export * from './certificates/file-or-content.js';
export * from './certificates/load-certificate.js';
