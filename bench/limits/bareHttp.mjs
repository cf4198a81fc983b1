// The bare node:http ceiling: reads the body, parses it as JSON and answers a small JSON document, as an
// AdminGetUser would, with nothing else in between. Prints its URL once listening.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const input = body.length > 0 ? JSON.parse(body.toString('utf8')) : { Username: 'health' };
    const out = JSON.stringify({
      Username: input.Username,
      Enabled: true,
      UserStatus: 'CONFIRMED',
      UserAttributes: [{ Name: 'sub', Value: '0b7b2d8e-0000-4000-8000-000000000000' }, { Name: 'email', Value: `${input.Username}@example.com` }],
    });
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(out) });
    res.end(out);
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('listening'));
