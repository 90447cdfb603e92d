export { AuthService } from './auth.service.js';
export { IdentityModule } from './identity.module.js';
export { UserEntity } from './user.entity.js';
export { UsersService, externalAnnotatorUsername } from './users.service.js';
export { LoginAttemptEntity, LoginThrottleEntity } from './login-throttle.entity.js';
export { LoginThrottleRepository } from './login-throttle.repository.js';
export { UserRepository } from './user.repository.js';
export { SessionChangeFeed, type SessionFeedTiming } from './session-change-feed.js';
export { SESSION_CHANGES_CHANNEL } from './session-change-feed.repository.js';
