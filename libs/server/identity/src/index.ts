export { AuthService } from './auth.service.js';
export { IdentityModule } from './identity.module.js';
export { UserEntity } from './user.entity.js';
export { UsersService } from './users.service.js';
