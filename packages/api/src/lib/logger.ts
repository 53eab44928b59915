import pino, { type Logger } from 'pino';

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'baylink' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.token', '*.password'],
      censor: '[redacted]',
    },
  });
}
