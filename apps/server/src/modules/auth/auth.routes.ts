import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LoginBody, Ok, RefreshBody, RegisterBody, Session } from '@igniflo/contract';
import { authRateLimit } from '../../plugins/security.ts';
import type { AuthService } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService; authRateLimitMax: number }> = async (
  app,
  { auth, authRateLimitMax },
) => {
  app.post(
    '/auth/register',
    {
      config: authRateLimit(authRateLimitMax),
      schema: { tags: ['auth'], body: RegisterBody, response: { 201: Session } },
    },
    async (request, reply) => reply.status(201).send(await auth.register(request.body)),
  );

  app.post(
    '/auth/login',
    {
      config: authRateLimit(authRateLimitMax, 'email'),
      schema: { tags: ['auth'], body: LoginBody, response: { 200: Session } },
    },
    (request) => auth.login(request.body.email, request.body.password),
  );

  app.post(
    '/auth/refresh',
    {
      config: authRateLimit(authRateLimitMax * 6),
      schema: { tags: ['auth'], body: RefreshBody, response: { 200: Session } },
    },
    (request) => auth.refresh(request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      onRequest: app.requireUser(),
      schema: { tags: ['auth'], security: [{ bearerAuth: [] }], response: { 200: Ok } },
    },
    async (request) => {
      await auth.logout(request.user.sid);
      return { ok: true as const };
    },
  );
};
