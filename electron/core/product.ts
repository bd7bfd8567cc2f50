import packageJson from '../../package.json';

export const PRODUCT_NAME = packageJson.productName;
export const APP_VERSION = packageJson.version;
