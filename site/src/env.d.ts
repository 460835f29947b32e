/// <reference types="astro/client" />
// Every page's data comes from the API's renderer as Astro.locals (api/src/site/site-data.ts).
declare namespace App {
  interface Locals extends import('../../api/src/site/site-data.ts').SiteLocals {}
}
