export { AppConfig, InvalidConfiguration, loadConfig } from './app-config';
export { AppConfigModule } from './app-config.module';
