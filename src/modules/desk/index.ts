// The officials' home ("What needs you"): what waits for the signed-in person across the platform, gathered
// from the other modules' public faces by app.ts. It owns no table and imports no other module.
export { type DeskItem, type DeskSection, type DeskSource, deskPages } from './desk.pages.tsx';
