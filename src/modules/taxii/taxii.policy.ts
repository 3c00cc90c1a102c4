// Who may pull what over TAXII: discovery, the API root and the public incident record are anyone's; a State's
// collection (the indicators of its own communications) is its officials' who act on communications, in a
// session with the second factor or with a token made in one. The rule is checked by the platform's one
// access check (platform/access.ts); anyone else is told the collection does not exist.
import { defineRules } from '../../platform/access.ts';

export const taxiiActions = defineRules({
  'taxii.read': { public: true },
  /** The roles that read a State's communications (commActions 'comm.read'). */
  'taxii.state.read': { state: ['focal_point', 'poc_diplomatic', 'poc_technical'] },
});
