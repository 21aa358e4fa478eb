// Renders the API contract with the Swagger UI bundled beside this file. A file
// of its own (not an inline script) so the page keeps the app's strict CSP.
window.addEventListener('DOMContentLoaded', () => {
  window.ui = window.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // No "try it out" against other servers, and no validator badge (it calls
    // validator.swagger.io, which the CSP would refuse anyway).
    validatorUrl: null,
  });
});
