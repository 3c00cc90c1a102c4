// The registry's public face: the States and organisations, for app.ts and for every module that names a
// State (its path parameter, its name in the reader's language).
export { registryPages, type StateProfile } from './registry.pages.tsx';
export { registryRoutes } from './registry.routes.ts';
export { stateCodeParams } from './registry.schemas.ts';
export { seedRegistry } from './registry.seed.ts';
export {
  createRegistryService,
  type OrganisationView,
  type RegistryService,
  registryActions,
  type StateView,
  UN_GROUPS,
} from './registry.service.ts';
