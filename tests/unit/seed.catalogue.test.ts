/**
 * About the live catalogue: the seed servers the project started from (Agentmail, Agentwork, the
 * Wingman gateway) still classify as the issue that introduced them states: categories, levels, signals
 * and the fields they point at. It reads the live content files because that is the claim: the site
 * built from today's data shows these results. A re-scan that changes one of these tools fails here
 * and asks for a decision (update the expectation, or the data); the classifier itself is held to the
 * same expectations on frozen copies in classify.test.ts.
 */
import { describeSeedServers } from './seed-expectations.ts';
import { liveServer } from './support.catalogue.ts';

describeSeedServers('seed servers (content/servers)', liveServer);
