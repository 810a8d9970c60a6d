// Path checks look at the route a request matched, never at the raw URL: Fastify has already
// decoded and normalised the path to find it, so `/v1/%75nits/…` or `/v1/units/x/mutations?a`
// cannot slip past a check that a prefix match on request.url would miss.
import type { FastifyRequest } from 'fastify';

/** The registered pattern ('/v1/units/:unitNo/mutations'); undefined when nothing matched. */
export function routeOf(request: FastifyRequest): string | undefined {
  return request.routeOptions.url;
}
