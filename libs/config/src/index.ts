export {
  AppConfig,
  InvalidConfiguration,
  loadConfig,
  MIN_SECRET_BYTES,
  LOCAL_SIGN_IN_FORCED,
  isLoopback,
  localSignInIsOn,
} from './app-config';
export { AppConfigModule } from './app-config.module';
export { secureDataDir, ownerOnlyFiles, DATA_DIR_MODE, DATA_FILE_MODE } from './data-dir';
