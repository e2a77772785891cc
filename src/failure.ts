/**
 * A build that stops for a reason an editor can act on: printed as it is, without a stack.
 * Thrown by every stage, so it lives outside any folder and imports nothing.
 */
export class BuildFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildFailure";
  }
}
