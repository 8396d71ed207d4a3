import { Router, type NextFunction, type Request, type Response } from 'express';
import {
  API_ERROR_CODES,
  PASSWORD_MAX_LENGTH,
  accountLinkUrl,
  addPersonRequestSchema,
  changePasswordRequestSchema,
  replacementRequestSchema,
  setAdministratorRequestSchema,
  setMembershipRequestSchema,
  unitNameRequestSchema,
  useAccountLinkRequestSchema,
  type AccountLinkResponse,
  type AddPersonResponse,
} from '@unitroom/shared';
import type { z } from 'zod';
import type { AccountLinks } from '../admin/accountLinks.js';
import type { Actor, Administration } from '../admin/administration.js';
import { AdminError } from '../admin/errors.js';
import { sessionTokenFrom } from '../auth/cookies.js';
import { sessionIdOf, type Sessions } from '../auth/sessions.js';
import { DomainError } from '../domain/errors.js';
import { sendDomainError } from './errors.js';
import { requireSession } from './requireSession.js';

type Handler = (req: Request, res: Response) => Promise<void>;

/** Runs a handler; domain refusals become their status, anything else goes to the error handler. */
const handle =
  (handler: Handler) =>
  (req: Request, res: Response, next: NextFunction): void => {
    handler(req, res).catch((error: unknown) => {
      if (error instanceof DomainError) sendDomainError(res, error);
      else next(error);
    });
  };

function parse<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new AdminError(API_ERROR_CODES.BAD_REQUEST, 'The request could not be read.');
  }
  return parsed.data;
}

const param = (req: Request, name: string): string => {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : '';
};

const actorOf = (req: Request, res: Response): Actor => {
  const user = res.locals.user;
  if (!user) throw new Error('requireSession let an anonymous request through');
  return { actorId: user.id, ip: req.ip ?? null };
};

/** Where links point: this server's own address as the browser reached it. */
const baseUrlOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

const linkResponse = (req: Request, link: { token: string; expiresAt: string }) =>
  ({
    url: accountLinkUrl(baseUrlOf(req), link.token),
    expiresAt: link.expiresAt,
  }) satisfies AccountLinkResponse;

/** `/api/admin/...`: the deployment administrator's area ([A1]-[A8]). Needs a session. */
export function adminRoutes(options: { administration: Administration }): Router {
  const router = Router();
  const admin = options.administration;

  router.get(
    '/admin/units',
    handle(async (req, res) => {
      res.json(await admin.listUnits(actorOf(req, res)));
    }),
  );
  router.post(
    '/admin/units',
    handle(async (req, res) => {
      const { name } = parse(unitNameRequestSchema, req.body);
      res.status(201).json(await admin.createUnit(actorOf(req, res), name));
    }),
  );
  router.get(
    '/admin/units/:unitId',
    handle(async (req, res) => {
      res.json(await admin.unit(actorOf(req, res), param(req, 'unitId')));
    }),
  );
  router.put(
    '/admin/units/:unitId',
    handle(async (req, res) => {
      const { name } = parse(unitNameRequestSchema, req.body);
      await admin.renameUnit(actorOf(req, res), param(req, 'unitId'), name);
      res.status(204).end();
    }),
  );
  router.post(
    '/admin/units/:unitId/archive',
    handle(async (req, res) => {
      await admin.archiveUnit(actorOf(req, res), param(req, 'unitId'));
      res.status(204).end();
    }),
  );
  router.post(
    '/admin/units/:unitId/restore',
    handle(async (req, res) => {
      await admin.restoreUnit(actorOf(req, res), param(req, 'unitId'));
      res.status(204).end();
    }),
  );
  router.put(
    '/admin/units/:unitId/members/:userId',
    handle(async (req, res) => {
      const body = parse(setMembershipRequestSchema, req.body);
      await admin.setMembership(
        actorOf(req, res),
        param(req, 'unitId'),
        param(req, 'userId'),
        body.role,
        body.replacementConsultantId,
      );
      res.status(204).end();
    }),
  );
  router.delete(
    '/admin/units/:unitId/members/:userId',
    handle(async (req, res) => {
      const body = parse(replacementRequestSchema, req.body);
      await admin.removeMembership(
        actorOf(req, res),
        param(req, 'unitId'),
        param(req, 'userId'),
        body.replacementConsultantId,
      );
      res.status(204).end();
    }),
  );
  router.get(
    '/admin/people',
    handle(async (req, res) => {
      res.json(await admin.listPeople(actorOf(req, res)));
    }),
  );
  router.post(
    '/admin/people',
    handle(async (req, res) => {
      const body = parse(addPersonRequestSchema, req.body);
      const added = await admin.addPerson(actorOf(req, res), body);
      res
        .status(201)
        .json({ person: added.person, link: linkResponse(req, added) } satisfies AddPersonResponse);
    }),
  );
  router.get(
    '/admin/people/:userId',
    handle(async (req, res) => {
      res.json(await admin.person(actorOf(req, res), param(req, 'userId')));
    }),
  );
  router.post(
    '/admin/people/:userId/deactivate',
    handle(async (req, res) => {
      const body = parse(replacementRequestSchema, req.body);
      await admin.deactivate(actorOf(req, res), param(req, 'userId'), body.replacementConsultantId);
      res.status(204).end();
    }),
  );
  router.post(
    '/admin/people/:userId/reactivate',
    handle(async (req, res) => {
      await admin.reactivate(actorOf(req, res), param(req, 'userId'));
      res.status(204).end();
    }),
  );
  router.put(
    '/admin/people/:userId/administrator',
    handle(async (req, res) => {
      const { administrator } = parse(setAdministratorRequestSchema, req.body);
      await admin.setAdministrator(actorOf(req, res), param(req, 'userId'), administrator);
      res.status(204).end();
    }),
  );
  router.post(
    '/admin/people/:userId/reset-link',
    handle(async (req, res) => {
      const link = await admin.issueResetLink(actorOf(req, res), param(req, 'userId'));
      res.status(201).json(linkResponse(req, link));
    }),
  );
  return router;
}

/**
 * `/api/account/...`: a person's own password. Using a one-time link needs no session (that is
 * what the link is for); changing one's password does.
 */
export function accountRoutes(options: { links: AccountLinks; sessions: Sessions }): Router {
  const router = Router();
  router.post(
    '/account/link',
    handle(async (req, res) => {
      const { token, password } = parse(useAccountLinkRequestSchema, req.body);
      if (password.length > PASSWORD_MAX_LENGTH) {
        throw new AdminError(API_ERROR_CODES.PASSWORD_INVALID, 'That password is too long.');
      }
      await options.links.use(token, password, req.ip ?? null);
      res.status(204).end();
    }),
  );
  router.put(
    '/account/password',
    requireSession(options.sessions),
    handle(async (req, res) => {
      const body = parse(changePasswordRequestSchema, req.body);
      const token = sessionTokenFrom(req.headers.cookie);
      await options.links.changePassword(
        actorOf(req, res).actorId ?? '',
        body.currentPassword,
        body.newPassword,
        token ? sessionIdOf(token) : null,
        req.ip ?? null,
      );
      res.status(204).end();
    }),
  );
  return router;
}
