//! The middle of the transform, rebuilt around one control-flow graph (issue 12): the
//! spine with typed ids, the facts of plain code, the graph with name resolution, liveness
//! as dataflow over it, and emission that reads the graph.
#![allow(dead_code)]

pub mod assemble;
pub mod bindings;
pub mod cfg;
pub mod facts;
pub mod ids;
pub mod liveness;
pub mod names;
pub mod plan;
pub mod regions;
pub mod spine;

use crate::signature::CoroutineFn;
use proc_macro2::TokenStream;
use syn::Pat;

/// The steps after `linearize`, on the new middle.
pub fn expand(sig: &CoroutineFn, body: &syn::Block) -> syn::Result<TokenStream> {
    let spine = spine::build(body)?;
    let params: Vec<Pat> = sig.params.iter().map(|p| p.pat.clone()).collect();
    let (cfg, mut bindings) = cfg::build(&spine, &params);
    let live = liveness::analyse(&spine, &cfg, &mut bindings)?;
    let plan = plan::Plan::new(&spine, &cfg, &bindings, &live);
    let analysed = assemble::Analysed {
        spine: &spine,
        cfg: &cfg,
        bindings: &bindings,
        live: &live,
        plan: &plan,
    };
    Ok(assemble::function(sig, body, &analysed))
}
