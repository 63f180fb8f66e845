declare namespace App {
	interface Locals {
		/**
		 * Set by a route whose every third-party string comes from servers known to hold no character an
		 * HTML document may not contain (`documentSafeFrom` in `src/build/data.ts`): the middleware then passes the page through.
		 */
		documentSafe?: boolean;
	}
}
