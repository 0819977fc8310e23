// Remember when this run started, so teardown removes only the temp folders this run created.
module.exports = async () => {
  process.env.ACR_TEST_STARTED = String(Date.now());
};
