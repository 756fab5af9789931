// Starts s3rver (a local S3-compatible server) for S3ServerResource: node server.js <port> <directory> <bucket>.
// Prints "S3RVER READY <port>" once it listens; stops when its standard input closes (the test JVM ended).
const S3rver = require('s3rver');

const [port, directory, bucket] = process.argv.slice(2);
const server = new S3rver({
  port: Number(port),
  address: '127.0.0.1',
  directory,
  silent: true,
  configureBuckets: [{ name: bucket }],
});

server.run().then(() => {
  console.log(`S3RVER READY ${port}`);
}, (err) => {
  console.error(`s3rver failed to start: ${err.stack || err}`);
  process.exit(1);
});

const stop = () => server.close().finally(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
